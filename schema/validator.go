package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// A node is one compiled subschema of the keywords the schema document
// uses (a subset of draft 2020-12); compile refuses any other keyword, so
// the schema cannot grow a rule that is silently not checked.
type node struct {
	loc string // where the subschema is in the schema document, a JSON pointer

	never bool // the false schema

	types      []string // allowed JSON types, nil for any
	properties map[string]*node
	required   []string
	additional *node // additionalProperties; nil for any
	items      *node
	enum       []any
	konst      any
	hasConst   bool
	minimum    *float64
	maximum    *float64
	minItems   int // -1 for none
	maxItems   int // -1 for none
	pattern    *regexp.Regexp

	ref                        string // a "#/$defs/name" reference, resolved into target
	target                     *node
	allOf, oneOf               []*node
	ifNode, thenNode, elseNode *node
}

// annotations are keywords that describe and never constrain.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$comment": true,
	"title": true, "description": true, "examples": true, "format": true, "default": true,
}

// A compiler compiles a schema document's subschemas, each once.
type compiler struct {
	defs  map[string]any
	nodes map[string]*node // by "#/$defs/name"
}

// compileDocument compiles a schema document (decoded with UseNumber) and
// each of its $defs.
func compileDocument(doc any) (root *node, defs map[string]*node, err error) {
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("schema document is not an object")
	}
	c := &compiler{nodes: map[string]*node{}}
	c.defs, _ = m["$defs"].(map[string]any)
	if root, err = c.compile(m, ""); err != nil {
		return nil, nil, err
	}
	defs = map[string]*node{}
	for name := range c.defs {
		n, err := c.def("#/$defs/" + name)
		if err != nil {
			return nil, nil, err
		}
		defs[name] = n
	}
	return root, defs, nil
}

// def returns the compiled $defs entry a reference names.
func (c *compiler) def(ref string) (*node, error) {
	if n, ok := c.nodes[ref]; ok {
		return n, nil
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok || strings.Contains(name, "/") {
		return nil, fmt.Errorf("$ref %q: only references to #/$defs entries are supported", ref)
	}
	raw, ok := c.defs[name]
	if !ok {
		return nil, fmt.Errorf("$ref %q: no such definition", ref)
	}
	n := &node{loc: ref[1:]}
	c.nodes[ref] = n // before compiling: a definition may refer to itself
	if err := c.fill(n, raw); err != nil {
		return nil, err
	}
	return n, nil
}

func (c *compiler) compile(raw any, loc string) (*node, error) {
	n := &node{loc: loc}
	return n, c.fill(n, raw)
}

// fill compiles raw, the subschema at n.loc, into n.
func (c *compiler) fill(n *node, raw any) error {
	n.minItems, n.maxItems = -1, -1
	if b, ok := raw.(bool); ok {
		n.never = !b
		return nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: a subschema must be an object or a boolean", n.loc)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		at := n.loc + "/" + k
		var err error
		switch k {
		case "type":
			n.types, err = stringList(v, at)
		case "properties":
			props, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("%s: not an object", at)
			}
			n.properties = map[string]*node{}
			for name, sub := range props {
				if n.properties[name], err = c.compile(sub, at+"/"+escapePointer(name)); err != nil {
					return err
				}
			}
		case "required":
			n.required, err = stringList(v, at)
		case "additionalProperties":
			n.additional, err = c.compile(v, at)
		case "items":
			n.items, err = c.compile(v, at)
		case "enum":
			list, ok := v.([]any)
			if !ok {
				return fmt.Errorf("%s: not an array", at)
			}
			n.enum = list
		case "const":
			n.konst, n.hasConst = v, true
		case "minimum", "maximum":
			f, ok := number(v)
			if !ok {
				return fmt.Errorf("%s: not a number", at)
			}
			if k == "minimum" {
				n.minimum = &f
			} else {
				n.maximum = &f
			}
		case "minItems", "maxItems":
			f, ok := number(v)
			if !ok || f < 0 || f != math.Trunc(f) {
				return fmt.Errorf("%s: not a non-negative integer", at)
			}
			if k == "minItems" {
				n.minItems = int(f)
			} else {
				n.maxItems = int(f)
			}
		case "pattern":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("%s: not a string", at)
			}
			if n.pattern, err = regexp.Compile(s); err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
		case "$ref":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("%s: not a string", at)
			}
			n.ref = s
			n.target, err = c.def(s)
		case "allOf", "oneOf":
			list, ok := v.([]any)
			if !ok || len(list) == 0 {
				return fmt.Errorf("%s: not a non-empty array", at)
			}
			subs := make([]*node, len(list))
			for i, sub := range list {
				if subs[i], err = c.compile(sub, at+"/"+strconv.Itoa(i)); err != nil {
					return err
				}
			}
			if k == "allOf" {
				n.allOf = subs
			} else {
				n.oneOf = subs
			}
		case "if":
			n.ifNode, err = c.compile(v, at)
		case "then":
			n.thenNode, err = c.compile(v, at)
		case "else":
			n.elseNode, err = c.compile(v, at)
		default:
			if !annotations[k] {
				return fmt.Errorf("%s: keyword %q is not supported by this validator", n.loc, k)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// stringList reads a keyword's value that is a string or an array of them.
func stringList(v any, at string) ([]string, error) {
	if s, ok := v.(string); ok {
		return []string{s}, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a string or an array of strings", at)
	}
	out := make([]string, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("%s/%d: not a string", at, i)
		}
		out[i] = s
	}
	return out, nil
}

// validate appends to out every violation of v, found at the instance
// location at.
func (n *node) validate(v any, at string, out []Violation) []Violation {
	if n.never {
		return append(out, Violation{Pointer: at, Msg: "not allowed"})
	}
	if n.target != nil {
		out = n.target.validate(v, at, out)
	}
	if n.types != nil && !hasType(v, n.types) {
		return append(out, Violation{Pointer: at, Msg: fmt.Sprintf("got %s, want %s", jsonType(v), strings.Join(n.types, " or "))})
	}
	if n.enum != nil && !inEnum(v, n.enum) {
		return append(out, Violation{Pointer: at, Msg: "value must be one of " + joinJSON(n.enum)})
	}
	if n.hasConst && !equalJSON(v, n.konst) {
		return append(out, Violation{Pointer: at, Msg: "value must be " + joinJSON([]any{n.konst})})
	}
	switch x := v.(type) {
	case map[string]any:
		out = n.validateObject(x, at, out)
	case []any:
		if n.minItems >= 0 && len(x) < n.minItems {
			out = append(out, Violation{Pointer: at, Msg: fmt.Sprintf("%d items, want at least %d", len(x), n.minItems)})
		}
		if n.maxItems >= 0 && len(x) > n.maxItems {
			out = append(out, Violation{Pointer: at, Msg: fmt.Sprintf("%d items, want at most %d", len(x), n.maxItems)})
		}
		if n.items != nil {
			for i, item := range x {
				out = n.items.validate(item, at+"/"+strconv.Itoa(i), out)
			}
		}
	case string:
		if n.pattern != nil && !n.pattern.MatchString(x) {
			out = append(out, Violation{Pointer: at, Msg: fmt.Sprintf("%q does not match pattern %q", x, n.pattern.String())})
		}
	case json.Number:
		f, _ := number(x)
		if n.minimum != nil && f < *n.minimum {
			out = append(out, Violation{Pointer: at, Msg: fmt.Sprintf("%s is less than the minimum %v", x, *n.minimum)})
		}
		if n.maximum != nil && f > *n.maximum {
			out = append(out, Violation{Pointer: at, Msg: fmt.Sprintf("%s is more than the maximum %v", x, *n.maximum)})
		}
	}
	for _, sub := range n.allOf {
		out = sub.validate(v, at, out)
	}
	if n.oneOf != nil {
		out = n.validateOneOf(v, at, out)
	}
	if n.ifNode != nil {
		if len(n.ifNode.validate(v, at, nil)) == 0 {
			if n.thenNode != nil {
				out = n.thenNode.validate(v, at, out)
			}
		} else if n.elseNode != nil {
			out = n.elseNode.validate(v, at, out)
		}
	}
	return out
}

func (n *node) validateObject(x map[string]any, at string, out []Violation) []Violation {
	var missing []string
	for _, name := range n.required {
		if _, ok := x[name]; !ok {
			missing = append(missing, strconv.Quote(name))
		}
	}
	if missing != nil {
		out = append(out, Violation{Pointer: at, Msg: "missing properties " + strings.Join(missing, ", ")})
	}
	names := make([]string, 0, len(x))
	for name := range x {
		names = append(names, name)
	}
	sort.Strings(names) // violations in a stable order
	var extra []string
	for _, name := range names {
		sub, ok := n.properties[name]
		switch {
		case ok:
			out = sub.validate(x[name], at+"/"+escapePointer(name), out)
		case n.additional != nil && n.additional.never:
			extra = append(extra, strconv.Quote(name))
		case n.additional != nil:
			out = n.additional.validate(x[name], at+"/"+escapePointer(name), out)
		}
	}
	if extra != nil {
		out = append(out, Violation{Pointer: at, Msg: "additional properties " + strings.Join(extra, ", ") + " not allowed"})
	}
	return out
}

// validateOneOf reports v unless exactly one of n.oneOf holds: when none
// does, with the violations of each.
func (n *node) validateOneOf(v any, at string, out []Violation) []Violation {
	var valid []string
	var failed []Violation
	for i, sub := range n.oneOf {
		vs := sub.validate(v, at, nil)
		if len(vs) == 0 {
			valid = append(valid, sub.name(i))
		}
		failed = append(failed, vs...)
	}
	switch {
	case len(valid) == 0:
		return append(out, failed...)
	case len(valid) > 1:
		return append(out, Violation{Pointer: at, Msg: "valid against more than one of: " + strings.Join(valid, ", ")})
	}
	return out
}

// name names the i-th subschema of a oneOf in messages.
func (n *node) name(i int) string {
	if n.ref != "" {
		return n.ref
	}
	return strconv.Itoa(i)
}

// hasType reports whether v is of one of the JSON types.
func hasType(v any, types []string) bool {
	got := jsonType(v)
	for _, t := range types {
		if t == got || t == "number" && got == "integer" {
			return true
		}
	}
	return false
}

// jsonType names v's JSON type; a number without a fractional part is an
// integer.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number:
		if integral(string(x)) {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

// integral reports whether the JSON number s has no fractional part,
// decided on its digits rather than a float64, which 1e700 overflows: its
// digits D (integer and fraction, k of them after the point) times 10^e
// are an integer when D is zero or e-k plus D's trailing zeros is at
// least zero.
func integral(s string) bool {
	mant, exp, _ := strings.Cut(strings.ToLower(strings.TrimPrefix(s, "-")), "e")
	ip, fp, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(ip+fp, "0")
	if digits == "" {
		return true // zero
	}
	shift := -len(fp) + len(digits) - len(strings.TrimRight(digits, "0"))
	if exp == "" {
		return shift >= 0
	}
	e, err := strconv.Atoi(exp)
	if err != nil { // an exponent beyond int: its sign decides
		return !strings.HasPrefix(exp, "-")
	}
	return e >= -shift
}

// number reads a JSON number.
func number(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil || math.IsInf(f, 0)
}

func inEnum(v any, enum []any) bool {
	for _, e := range enum {
		if equalJSON(v, e) {
			return true
		}
	}
	return false
}

// equalJSON reports whether two decoded JSON values are equal, numbers by
// value.
func equalJSON(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		fx, okx := number(x)
		fy, oky := number(y)
		return okx && oky && fx == fy
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equalJSON(xv, yv) {
				return false
			}
		}
		return true
	}
	return a == b
}

// joinJSON writes values as JSON, comma-separated.
func joinJSON(values []any) string {
	var b bytes.Buffer
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		j, _ := json.Marshal(v)
		b.Write(j)
	}
	return b.String()
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
