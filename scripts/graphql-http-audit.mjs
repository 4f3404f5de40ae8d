// Runs the graphql-http server audit (GraphQL-over-HTTP spec conformance)
// against a running server and prints one JSON line per audit:
// {id, name, status, reason}. status is "ok", "warn" or "error".
// Usage: node scripts/graphql-http-audit.mjs http://127.0.0.1:8080/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node scripts/graphql-http-audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url });
for (const r of results) {
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? '' }));
}
