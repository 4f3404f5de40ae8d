package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// ---- setup through GraphQL ----

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func graphql(ctx context.Context, client *http.Client, url, query, header, value string) (*http.Response, *gqlResponse, error) {
	body, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if header != "" {
		req.Header.Set(header, value)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp, nil, err
	}
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		return resp, nil, fmt.Errorf("HTTP %d, body is not JSON: %.200s", resp.StatusCode, raw)
	}
	if resp.StatusCode/100 != 2 || len(out.Errors) > 0 {
		return resp, &out, fmt.Errorf("HTTP %d: %s", resp.StatusCode, raw)
	}
	return resp, &out, nil
}

func login(ctx context.Context, client *http.Client, url string) (string, error) {
	q := fmt.Sprintf(`mutation { login(input:{email:%q, password:%q}) { user { id } } }`, adminEmail, adminPassword)
	resp, _, err := graphql(ctx, client, url, q, "", "")
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c.Value, nil
		}
	}
	return "", fmt.Errorf("login: the response set no %s cookie", sessionCookie)
}

func createKey(ctx context.Context, client *http.Client, url, cookie, name string) (string, error) {
	_, out, err := graphql(ctx, client, url, fmt.Sprintf(`mutation { createApiKey(input:{name:%q}) { secret } }`, name),
		"Cookie", sessionCookie+"="+cookie)
	if err != nil {
		return "", fmt.Errorf("createApiKey: %w", err)
	}
	var data struct {
		CreateAPIKey struct {
			Secret string `json:"secret"`
		} `json:"createApiKey"`
	}
	if err := json.Unmarshal(out.Data, &data); err != nil || data.CreateAPIKey.Secret == "" {
		return "", fmt.Errorf("createApiKey: no secret in %s", out.Data)
	}
	return data.CreateAPIKey.Secret, nil
}
