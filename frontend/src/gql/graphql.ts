/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an insight is about. Listed most urgent first. */
export type ApiKeyInsightKind =
  /** The key expires within 7 days. */
  | 'EXPIRES_SOON'
  /** More than 20% of at least 100 requests in the last 7 days failed. */
  | 'HIGH_ERROR_RATE'
  /** Created more than 7 days ago and never used. */
  | 'NEVER_USED'
  /** A READ_WRITE key (older than 7 days) that made reads but no writes in the last 30 days. */
  | 'READ_ONLY_SUFFICES'
  /** Not used in the last 30 days. */
  | 'UNUSED'
  /** Requests were refused in the last 7 days because the key expired, was revoked, or its previous secret's grace period ended: an application still uses it. */
  | 'USED_AFTER_EXPIRY';

/** What a key may do. Chosen at creation; it can later only be narrowed (updateApiKey), never widened. */
export type ApiKeyScope =
  /** Read governance data only (Viewer rights): every mutation is refused with FORBIDDEN. */
  | 'READ_ONLY'
  /** Read and write governance data (Editor rights). The default. */
  | 'READ_WRITE';

/** Whether a key is accepted now. New values may be added (REVOKED was): treat an unknown one as not usable. */
export type ApiKeyStatus =
  /** Accepted until expiresAt. */
  | 'ACTIVE'
  /** Past expiresAt: every request with it is refused with UNAUTHENTICATED. It stays listed until an admin deletes it, and still counts against the key limit. */
  | 'EXPIRED'
  /** Reported as leaked and revoked: every request with it is refused. It stays listed until an admin deletes it, and no longer counts against the key limit. */
  | 'REVOKED';

/** What an audit event records. Values are stored and never renamed; new ones may be added, so treat an unknown value as some other change. */
export type AuditAction =
  /** A model was added to the inventory (createAiModel, or upsertAiModel creating it). */
  | 'AI_MODEL_CREATED'
  /** A model was deleted from the inventory. */
  | 'AI_MODEL_DELETED'
  /** A model was changed, lost its approver, or lost a link to a deleted project; detail says which when not the fields. */
  | 'AI_MODEL_UPDATED'
  /** An admin created an API key (or `keyward admin create-key` did). */
  | 'API_KEY_CREATED'
  /** An API key was deleted, also when its creator was removed or demoted with deleteApiKeys: true. */
  | 'API_KEY_DELETED'
  /** An API key was revoked because its secret was reported as leaked; the actor is the key itself, named after the reporter. */
  | 'API_KEY_REVOKED'
  /** An API key got a new secret; detail says how long the previous one keeps working. */
  | 'API_KEY_ROTATED'
  /** An API key was renamed or narrowed, or lost its creator when that user was removed; detail says what changed. */
  | 'API_KEY_UPDATED'
  /** A project was created. */
  | 'PROJECT_CREATED'
  /** A project was deleted, with its risks. */
  | 'PROJECT_DELETED'
  /** A project was changed, or lost its owner when that user was removed. */
  | 'PROJECT_UPDATED'
  /** A risk was added to a project. */
  | 'RISK_CREATED'
  /** A risk was deleted, on its own or with its project. */
  | 'RISK_DELETED'
  /** A risk was changed, or lost its owner when that user was removed. */
  | 'RISK_UPDATED'
  /** A user was added to the organisation. */
  | 'USER_CREATED'
  /** A user was removed from the organisation. */
  | 'USER_DELETED'
  /** A user changed their own password, or an operator reset it from the command line. */
  | 'USER_PASSWORD_CHANGED'
  /** A user's role changed; targetName shows the new role. */
  | 'USER_ROLE_CHANGED';

/** Every field narrows the log; leave a field out to not filter on it. */
export type AuditFilter = {
  /** Any of these actions. */
  action?: Array<AuditAction> | null | undefined;
  /** Events done by this user or API key (its id, as in AuditEvent.actor.id). */
  actorId?: string | null | undefined;
  /** Events about this object, e.g. one API key's creation and deletion. */
  targetId?: string | null | undefined;
};

/** The signed-in user's current and new password. */
export type ChangePasswordInput = {
  /** The password in use now; a wrong one answers BAD_USER_INPUT and counts as a failed sign-in. */
  currentPassword: string;
  /** Same rules as setup: at least 8 characters, at most 72 bytes, not only spaces; different from the current one. */
  newPassword: string;
};

/** A new key's name, lifetime and scope. */
export type CreateApiKeyInput = {
  /** 1–365 days; 30 when omitted. */
  expiresInDays?: number | null | undefined;
  /**
   * Makes a retry safe: send a new unique value (a UUID) with each new request,
   * and the same value when you retry it. Within 24 hours, a call with a key
   * you already used (per API key, or per signed-in user) answers the first
   * call's result instead of running again, with the warning IDEMPOTENT_REPLAY
   * in extensions.warnings; the same key with a different input is
   * BAD_USER_INPUT on idempotencyKey. 1–255 printable ASCII characters. A repeat cannot show
   * the secret again: its secret is null.
   */
  idempotencyKey?: string | null | undefined;
  /** 3–50 characters, unique in the organisation ignoring case. */
  name: string;
  /** READ_WRITE when omitted. */
  scope?: ApiKeyScope | null | undefined;
};

/** A new account in your organisation. */
export type CreateUserInput = {
  /** A valid address, at most 254 characters, not yet used in your organisation (DUPLICATE_NAME otherwise); stored lower-cased. */
  email: string;
  /**
   * Makes a retry safe: send a new unique value (a UUID) with each new request,
   * and the same value when you retry it. Within 24 hours, a call with a key
   * you already used (per API key, or per signed-in user) answers the first
   * call's result instead of running again, with the warning IDEMPOTENT_REPLAY
   * in extensions.warnings; the same key with a different input is
   * BAD_USER_INPUT on idempotencyKey. 1–255 printable ASCII characters. The password is not
   * compared: it is never stored, not even as part of the fingerprint.
   */
  idempotencyKey?: string | null | undefined;
  /** 1–100 characters. */
  name: string;
  /** At least 8 characters. */
  password: string;
  /** What the new user may do. */
  role: Role;
};

/** What kind of identity calls the API or appears as an actor. */
export type PrincipalKind =
  /** An integrator's API key, sent as `Authorization: Bearer kw_…`. */
  | 'API_KEY'
  /** Only as an audit event's actor: a `keyward admin` command run with the server's configuration. Never a caller of the API. */
  | 'COMMAND_LINE'
  /** A person signed in with email and password (session cookie). */
  | 'USER';

/** What a user may do in their organisation. Each role includes the rights of the roles below it. */
export type Role =
  /** Everything an Editor may do, plus API keys, users and the audit log. */
  | 'ADMIN'
  /** Reads and writes governance data: projects, risks and AI models. */
  | 'EDITOR'
  /** Reads governance data only. */
  | 'VIEWER';

/** Which key to rotate, and how. */
export type RotateApiKeyInput = {
  /** Lifetime of the new secret: 1–365 days; when omitted, the key's last lifetime in whole days. */
  expiresInDays?: number | null | undefined;
  /** How long the current secret keeps working: 0–168 hours; 24 when omitted. 0 ends it at once. */
  graceHours?: number | null | undefined;
  /** The key to rotate. */
  id: string;
  /**
   * Makes a retry safe: send a new unique value (a UUID) with each new request,
   * and the same value when you retry it. Within 24 hours, a call with a key
   * you already used (per API key, or per signed-in user) answers the first
   * call's result instead of running again, with the warning IDEMPOTENT_REPLAY
   * in extensions.warnings; the same key with a different input is
   * BAD_USER_INPUT on idempotencyKey. 1–255 printable ASCII characters. A repeat does not
   * rotate again and cannot show the secret again: its secret is null, and the
   * secret from the first call stays the key's current one.
   */
  idempotencyKey?: string | null | undefined;
};

/** Leave a field out to keep its value. */
export type UpdateApiKeyInput = {
  /** The key to change. */
  id: string;
  /** 3–50 characters, unique in the organisation ignoring case. */
  name?: string | null | undefined;
  /** Only READ_ONLY may be set: a scope can be narrowed, never widened. */
  scope?: ApiKeyScope | null | undefined;
};

export type SessionQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionQuery = { setupRequired: boolean, me: { id: string, email: string, name: string, role: Role, organization: { id: string, name: string } } | null };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
  organizationId?: string | null | undefined;
}>;


export type LoginMutation = { login: { user: { id: string } } | null };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: { user: { id: string } | null } | null };

export type SetupMutationVariables = Exact<{
  token: string;
  orgName: string;
  email: string;
  name: string;
  password: string;
}>;


export type SetupMutation = { setup: { user: { id: string } } | null };

export type ApiKeyFieldsFragment = { id: string, name: string, prefix: string, scope: ApiKeyScope, status: ApiKeyStatus, createdAt: string, expiresAt: string, lastUsedAt: string | null, rotatedAt: string | null, previousSecretExpiresAt: string | null, revokedAt: string | null, revocationNote: string | null, createdBy: { id: string, name: string, email: string } | null, insights: Array<{ kind: ApiKeyInsightKind, message: string }> };

export type ApiKeysQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ApiKeysQuery = { apiKeyLimit: number, apiKeyConnection: { totalCount: number, nodes: Array<{ id: string, name: string, prefix: string, scope: ApiKeyScope, status: ApiKeyStatus, createdAt: string, expiresAt: string, lastUsedAt: string | null, rotatedAt: string | null, previousSecretExpiresAt: string | null, revokedAt: string | null, revocationNote: string | null, usage: Array<{ date: string, requests: number }>, createdBy: { id: string, name: string, email: string } | null, insights: Array<{ kind: ApiKeyInsightKind, message: string }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string | null, apiKey: { id: string, name: string, scope: ApiKeyScope } } | null };

export type RotateApiKeyMutationVariables = Exact<{
  input: RotateApiKeyInput;
}>;


export type RotateApiKeyMutation = { rotateApiKey: { secret: string | null, apiKey: { id: string, name: string, scope: ApiKeyScope, expiresAt: string, previousSecretExpiresAt: string | null } } | null };

export type UpdateApiKeyMutationVariables = Exact<{
  input: UpdateApiKeyInput;
}>;


export type UpdateApiKeyMutation = { updateApiKey: { apiKey: { id: string, name: string, scope: ApiKeyScope } } | null };

export type DeleteApiKeyMutationVariables = Exact<{
  id: string;
}>;


export type DeleteApiKeyMutation = { deleteApiKey: { deletedApiKeyId: string } | null };

export type UsersQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type UsersQuery = { users: { nodes: Array<{ id: string, email: string, name: string, role: Role, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { user: { id: string } } | null };

export type UpdateUserRoleMutationVariables = Exact<{
  id: string;
  role: Role;
  deleteApiKeys?: boolean | null | undefined;
}>;


export type UpdateUserRoleMutation = { updateUserRole: { user: { id: string, role: Role } } | null };

export type DeleteUserMutationVariables = Exact<{
  id: string;
  deleteApiKeys?: boolean | null | undefined;
}>;


export type DeleteUserMutation = { deleteUser: { deletedUserId: string } | null };

export type KeysByCreatorQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type KeysByCreatorQuery = { apiKeyConnection: { nodes: Array<{ id: string, name: string, prefix: string, scope: ApiKeyScope, createdBy: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { endedSessions: number } | null };

export type ApiKeyDetailQueryVariables = Exact<{
  id: string;
}>;


export type ApiKeyDetailQuery = { node:
    | { __typename: 'AiModel' }
    | { __typename: 'ApiKey', lastUsedIp: string | null, lastUsedUserAgent: string | null, id: string, name: string, prefix: string, scope: ApiKeyScope, status: ApiKeyStatus, createdAt: string, expiresAt: string, lastUsedAt: string | null, rotatedAt: string | null, previousSecretExpiresAt: string | null, revokedAt: string | null, revocationNote: string | null, usage: Array<{ date: string, requests: number, reads: number, writes: number, errors: number, rateLimited: number, refused: number }>, createdBy: { id: string, name: string, email: string } | null, insights: Array<{ kind: ApiKeyInsightKind, message: string }> }
    | { __typename: 'AuditEvent' }
    | { __typename: 'Organization' }
    | { __typename: 'Project' }
    | { __typename: 'Risk' }
    | { __typename: 'User' }
   | null, about: { nodes: Array<{ id: string, action: AuditAction, targetType: string, targetId: string, targetName: string, createdAt: string, actor: { kind: PrincipalKind, id: string, name: string } }> }, by: { totalCount: number, nodes: Array<{ id: string, action: AuditAction, targetType: string, targetId: string, targetName: string, createdAt: string, actor: { kind: PrincipalKind, id: string, name: string } }> } };

export type AuditEventFieldsFragment = { id: string, action: AuditAction, targetType: string, targetId: string, targetName: string, createdAt: string, actor: { kind: PrincipalKind, id: string, name: string } };

export type AuditLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: AuditFilter | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, nodes: Array<{ id: string, action: AuditAction, targetType: string, targetId: string, targetName: string, createdAt: string, actor: { kind: PrincipalKind, id: string, name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AuditActorsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type AuditActorsQuery = { apiKeyConnection: { nodes: Array<{ id: string, name: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scope
  status
  createdAt
  expiresAt
  lastUsedAt
  createdBy {
    id
    name
    email
  }
  rotatedAt
  previousSecretExpiresAt
  revokedAt
  revocationNote
  insights {
    kind
    message
  }
}
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const AuditEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment AuditEventFields on AuditEvent {
  id
  action
  actor {
    kind
    id
    name
  }
  targetType
  targetId
  targetName
  createdAt
}
    `, {"fragmentName":"AuditEventFields"}) as unknown as TypedDocumentString<AuditEventFieldsFragment, unknown>;
export const SessionDocument = new TypedDocumentString(`
    query Session {
  setupRequired
  me {
    id
    email
    name
    role
    organization {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SessionQuery, SessionQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!, $organizationId: ID) {
  login(
    input: {email: $email, password: $password, organizationId: $organizationId}
  ) {
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout {
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const SetupDocument = new TypedDocumentString(`
    mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {
  setup(
    input: {token: $token, orgName: $orgName, email: $email, name: $name, password: $password}
  ) {
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SetupMutation, SetupMutationVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys($after: String) {
  apiKeyLimit
  apiKeyConnection(first: 50, after: $after) {
    nodes {
      ...ApiKeyFields
      usage(days: 30) {
        date
        requests
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scope
  status
  createdAt
  expiresAt
  lastUsedAt
  createdBy {
    id
    name
    email
  }
  rotatedAt
  previousSecretExpiresAt
  revokedAt
  revocationNote
  insights {
    kind
    message
  }
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    apiKey {
      id
      name
      scope
    }
    secret
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RotateApiKeyDocument = new TypedDocumentString(`
    mutation RotateApiKey($input: RotateApiKeyInput!) {
  rotateApiKey(input: $input) {
    apiKey {
      id
      name
      scope
      expiresAt
      previousSecretExpiresAt
    }
    secret
  }
}
    `) as unknown as TypedDocumentString<RotateApiKeyMutation, RotateApiKeyMutationVariables>;
export const UpdateApiKeyDocument = new TypedDocumentString(`
    mutation UpdateApiKey($input: UpdateApiKeyInput!) {
  updateApiKey(input: $input) {
    apiKey {
      id
      name
      scope
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateApiKeyMutation, UpdateApiKeyMutationVariables>;
export const DeleteApiKeyDocument = new TypedDocumentString(`
    mutation DeleteApiKey($id: ID!) {
  deleteApiKey(input: {id: $id}) {
    deletedApiKeyId
  }
}
    `) as unknown as TypedDocumentString<DeleteApiKeyMutation, DeleteApiKeyMutationVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users($after: String) {
  users(first: 100, after: $after) {
    nodes {
      id
      email
      name
      role
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserRoleDocument = new TypedDocumentString(`
    mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {
  updateUserRole(input: {id: $id, role: $role, deleteApiKeys: $deleteApiKeys}) {
    user {
      id
      role
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateUserRoleMutation, UpdateUserRoleMutationVariables>;
export const DeleteUserDocument = new TypedDocumentString(`
    mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {
  deleteUser(input: {id: $id, deleteApiKeys: $deleteApiKeys}) {
    deletedUserId
  }
}
    `) as unknown as TypedDocumentString<DeleteUserMutation, DeleteUserMutationVariables>;
export const KeysByCreatorDocument = new TypedDocumentString(`
    query KeysByCreator($after: String) {
  apiKeyConnection(first: 100, after: $after) {
    nodes {
      id
      name
      prefix
      scope
      createdBy {
        id
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<KeysByCreatorQuery, KeysByCreatorQueryVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    endedSessions
  }
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const ApiKeyDetailDocument = new TypedDocumentString(`
    query ApiKeyDetail($id: ID!) {
  node(id: $id) {
    __typename
    ... on ApiKey {
      ...ApiKeyFields
      lastUsedIp
      lastUsedUserAgent
      usage(days: 30) {
        date
        requests
        reads
        writes
        errors
        rateLimited
        refused
      }
    }
  }
  about: auditLog(first: 20, filter: {targetId: $id}) {
    nodes {
      ...AuditEventFields
    }
  }
  by: auditLog(first: 20, filter: {actorId: $id}) {
    nodes {
      ...AuditEventFields
    }
    totalCount
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scope
  status
  createdAt
  expiresAt
  lastUsedAt
  createdBy {
    id
    name
    email
  }
  rotatedAt
  previousSecretExpiresAt
  revokedAt
  revocationNote
  insights {
    kind
    message
  }
}
fragment AuditEventFields on AuditEvent {
  id
  action
  actor {
    kind
    id
    name
  }
  targetType
  targetId
  targetName
  createdAt
}`) as unknown as TypedDocumentString<ApiKeyDetailQuery, ApiKeyDetailQueryVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($first: Int, $after: String, $filter: AuditFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    nodes {
      ...AuditEventFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment AuditEventFields on AuditEvent {
  id
  action
  actor {
    kind
    id
    name
  }
  targetType
  targetId
  targetName
  createdAt
}`) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const AuditActorsDocument = new TypedDocumentString(`
    query AuditActors($after: String) {
  apiKeyConnection(first: 100, after: $after) {
    nodes {
      id
      name
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AuditActorsQuery, AuditActorsQueryVariables>;