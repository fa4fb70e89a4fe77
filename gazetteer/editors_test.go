package gazetteer

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestEnsureEditorGeneratesOncePassword(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	pw, err := s.EnsureEditor(ctx, AdminEditor, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(pw) < 32 || ValidatePassword(pw) != nil {
		t.Fatalf("generated password %q is not strong or not valid", pw)
	}
	again, err := s.EnsureEditor(ctx, AdminEditor, "")
	if err != nil || again != "" {
		t.Fatalf("second start: generated %q, %v; want nothing new", again, err)
	}
	if ok, err := s.Authenticate(ctx, AdminEditor, pw); err != nil || !ok {
		t.Fatalf("the generated password does not sign in: %v %v", ok, err)
	}

	// Only a bcrypt hash is stored: the clear text appears nowhere in the table.
	rows, err := s.DB().QueryContext(ctx, `SELECT name, password_hash, created, updated FROM editors`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var cols [4]string
		if err := rows.Scan(&cols[0], &cols[1], &cols[2], &cols[3]); err != nil {
			t.Fatal(err)
		}
		n++
		for _, c := range cols {
			if strings.Contains(c, pw) {
				t.Errorf("the password is stored in clear: %q", c)
			}
		}
		if !strings.HasPrefix(cols[1], "$2a$") {
			t.Errorf("password_hash %q is not a bcrypt hash", cols[1])
		}
	}
	if n != 1 {
		t.Errorf("%d editors, want 1", n)
	}
}

func TestEnsureEditorWithPassword(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.EnsureEditor(ctx, AdminEditor, "first-secret"); err != nil {
		t.Fatal(err)
	}
	if gen, err := s.EnsureEditor(ctx, AdminEditor, "second-secret"); err != nil || gen != "" {
		t.Fatalf("changing the password: %q %v", gen, err)
	}
	tests := []struct {
		name, editor, password string
		want                   bool
	}{
		{"the current password", AdminEditor, "second-secret", true},
		{"the old password", AdminEditor, "first-secret", false},
		{"empty", AdminEditor, "", false},
		{"another editor", "nobody", "second-secret", false},
		{"longer than bcrypt reads", AdminEditor, "second-secret" + strings.Repeat("x", 80), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := s.Authenticate(ctx, tc.editor, tc.password)
			if err != nil || ok != tc.want {
				t.Errorf("Authenticate = %v, %v; want %v", ok, err, tc.want)
			}
		})
	}
	if _, err := s.Editor(ctx, AdminEditor); err != nil {
		t.Errorf("Editor: %v", err)
	}
	if _, err := s.Editor(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Editor(nobody): %v, want ErrNotFound", err)
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name, password string
		ok             bool
	}{
		{"too short", "short", false},
		{"long enough", "long enough", true},
		{"too long for bcrypt", strings.Repeat("x", MaxPasswordLen+1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidatePassword(tc.password)
			var ve *ValidationError
			if tc.ok != (err == nil) || (err != nil && (!errors.As(err, &ve) || ve.Field != "password")) {
				t.Errorf("ValidatePassword: %v", err)
			}
		})
	}
	if _, err := mustOpen(t).EnsureEditor(context.Background(), AdminEditor, "short"); !errors.Is(err, ErrInvalid) {
		t.Errorf("EnsureEditor with a short password: %v, want ErrInvalid", err)
	}
}
