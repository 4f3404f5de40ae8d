// GraphQL over HTTP from the Node side, as an integrator or a script would call it.

export async function gql(baseURL, query, { variables, cookie, bearer } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}

/** Signs in and returns the keyward_session cookie as a Cookie header value. */
export async function loginCookie(baseURL, email, password) {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e:String!,$p:String!){ login(input:{email:$e, password:$p}) { user { id } } }',
      variables: { e: email, p: password },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`login ${email} failed: ${JSON.stringify(body.errors)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('keyward_session='));
  if (!setCookie) throw new Error('login set no keyward_session cookie');
  return setCookie.split(';')[0];
}
