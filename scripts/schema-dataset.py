#!/usr/bin/env python3
"""Writes $defs.dataset of schema/zhengce.schema.json: the columns of the
dataset tables, read from the Parquet row types in corpus/build/parquet.go
and the database schema in corpus/build/writer.go, with their descriptions.
Run from the repository root after adding a column; TestSchemaDescribesTables
fails until the schema describes every column."""
import json, re
src=open('corpus/build/parquet.go').read()
ddl=open('corpus/build/writer.go').read()
s=json.load(open('schema/zhengce.schema.json'))
s['$defs'].pop('dataset',None)
meta=s['$defs']['meta']['properties']; fact=s['$defs']['fact']['properties']
structs={'documents':'parquetDocument','clauses':'parquetClause','facts':'parquetFact','units':'parquetUnit','errors':'parquetError','findings':'parquetFinding'}
def cols(name):
    body=re.search(r'type '+name+r' struct \{(.*?)\n\}',src,re.S).group(1)
    out=[]
    for m in re.finditer(r'^\s+(\w+)\s+(\S+)\s+`parquet:"([^"]+)"`',body,re.M):
        field,gotype,tag=m.groups()
        if tag=='-': continue
        parts=tag.split(',')
        out.append((parts[0],gotype,parts[1:]))
    return out
def ptype(gotype,opts):
    if any(o.startswith('decimal') for o in opts): return 'DECIMAL(38,4)'
    if 'date' in opts: return 'DATE'
    return {'int64':'INT64','string':'STRING','bool':'BOOLEAN','[16]byte':'DECIMAL(38,4)'}[gotype.lstrip('*')]
def sqlite_types(table):
    v=re.search(r'CREATE VIEW '+table+r' \((.*?)\) AS\s+SELECT (.*?) FROM (\w+)',ddl,re.S)
    if v:
        # a view: each column has the type of the column it selects
        of=sqlite_types(v.group(3))
        return {n.strip():of[c.strip()]+' (a view of '+v.group(3)+')' for n,c in zip(v.group(1).split(','),v.group(2).split(','))}
    m=re.search(r'CREATE TABLE '+table+r' \((.*?)\);',ddl,re.S)
    out={}
    for part in re.split(r',\s*(?![^()]*\))',m.group(1)):
        w=part.strip().split()
        if not w: continue
        name=w[0].strip('"')
        t=w[1] if len(w)>1 and w[1] in ('INTEGER','TEXT','NUMERIC','REAL','BLOB') else 'none (any type)'
        out[name]=t
    return out
common={
 'id':'Row id, unique in the dataset; the ids of shard i of N lie above i×2^40, so that shards read together keep them distinct.',
 'document_id':'The policy the row belongs to (documents.id).',
 'clause_id':'The clause the fact is read from (clauses.id).',
 'fact_id':'The unit fact (facts.id).',
 'path':'Clause path; "" for text outside numbered clauses (the root).',
 'parent_path':"The parent clause's path; NULL for the root.",
 'span_start':"Start of the span in the file's normalized text (byte offset).",
 'span_end':"End of the span in the file's normalized text (byte offset).",
 'raw_start':'Start of the span in the input as read (byte offset).',
 'raw_end':'End of the span in the input as read (byte offset).',
}
special={
 ('documents','source'):"The input's path from the folder holding the argument it came from (in/a/doc.txt), slash-separated.",
 ('documents','section'):"The policy's title within a compilation; NULL for a file holding one policy.",
 ('documents','script'):'simplified or traditional.',
 ('documents','encoding'):"The input's encoding: utf-8, utf-8-bom, utf-16le, utf-16be or gb18030.",
 ('documents','format'):'text, html or markdown.',
 ('documents','sha256'):"SHA-256 of the input's bytes, hex.",
 ('documents','truncated'):'The input was cut at --max-bytes.',
 ('documents','work_id'):'Shared by every rendering and version of the policy.',
 ('documents','version_id'):'Shared by the renderings of one version.',
 ('documents','preferred'):'The rendering to prefer among those of its version (official text over flipbook over mirror).',
 ('clauses','marker'):'The clause marker as printed (第三条, （二）); NULL for the root.',
 ('clauses','heading'):'The text after the marker up to the first 。 or the line end; NULL when empty.',
 ('clauses','text'):"The clause's own text, its children excluded; NULL when empty.",
 ('facts','kind'):'money, percent, unit, date or duration.',
 ('facts','value'):"The fact's value as the facts stream gives it: a percentage's number, a date's or duration's ISO 8601 text. SQLite stores a percentage as a number.",
 ('facts','date'):'A date stated to the day, as DATE; NULL otherwise (see precision). Parquet only: SQLite has it in value where precision is day.',
 ('facts','precision'):'What a date states: year, month, day or month-day (a recurring --MM-DD); NULL for other kinds.',
 ('facts','points'):'A percentage written in percentage points (个百分点).',
 ('facts','cap'):'The fact is a cap (q = max on a benefit, rate or period).',
 ('units','id'):"The unit fact's id: a unit row is its fact's (facts.id).",
 ('units','name'):'The body as written.',
 ('units','canonical'):"The body's canonical name.",
 ('units','role'):'lead, responsible or other.',
 ('errors','file'):'The input as given.',
 ('errors','line'):'Line of the trouble, when known.',
 ('errors','col'):'Column of the trouble, when known.',
 ('errors','reason'):'Why the input was not read.',
 ('findings','work_id'):'The work whose renderings disagree.',
 ('findings','version_id'):'The version whose renderings disagree.',
 ('findings','field'):'The field they disagree on (a metadata field, or facts).',
 ('findings','values'):"Each rendering's value, as a JSON array of {source, section, value}.",
}
descr={'documents':'One row per policy: metadata, source and ids.','clauses':'One row per clause node, the root of each policy included.','facts':'One row per fact.','units':'One row per unit fact, for joins by body; in SQLite a view of the facts table.','errors':'One row per input that could not be read.','findings':'One row per disagreement between renderings of one version.'}
tables={}
for t,st in structs.items():
    lite=sqlite_types(t)
    props={}
    for name,gotype,opts in cols(st):
        d=special.get((t,name)) or common.get(name)
        if d is None and t=='documents' and name in meta: d=meta[name]['description'].replace(' Omitted when the document does not state it.','')+' NULL when the document does not state it.'
        if d is None and t=='facts' and name in fact: d=fact[name].get('description','')
        assert d, (t,name)
        nullable=gotype.startswith('*')
        lt=lite.get(name)
        props[name]={'description':d.rstrip('.')+'. Parquet: '+ptype(gotype,opts)+('' if nullable else ', never null')+'; SQLite: '+(lt if lt else 'not in the database')+'.'}
    extra=set(lite)-set(props)
    assert not extra,(t,extra)
    tables[t]={'description':descr[t],'type':'object','properties':props}
s['$defs']['dataset']={'title':'Dataset tables','description':"The tables of a corpus build, under the same column names in SQLite (zhengce.db) and Parquet (OUT/<table>/part-NNNNN.parquet, zstd; the clauses, facts, units and errors tables have a part per chunk of the inputs, numbered by chunk). Each column's description ends with its Parquet type and its declared SQLite type. Columns are only ever added: parts written before a column existed read it as NULL.",'type':'object','properties':tables}
open('schema/zhengce.schema.json','w').write(json.dumps(s,ensure_ascii=False,indent=1)+"\n")
