package schema

import "testing"

func TestIntegral(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "-0": true, "12": true, "0.0": true, "10.0": true, "10.50": false, "0.5": false,
		"1.5e1": true, "1.25e1": false, "100e-2": true, "101e-2": false, "1e700": true, "-1E+700": true,
		"1e-700": false, "0e-999999999999999999999": true, "5e99999999999999999999": true, "5e-99999999999999999999": false,
		"1.0000000000000000001": false,
	} {
		if got := integral(s); got != want {
			t.Errorf("integral(%s) = %v, want %v", s, got, want)
		}
	}
}
