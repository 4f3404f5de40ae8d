/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What a key may do. Chosen at creation; it can later only be narrowed (updateApiKey), never widened. */
export type ApiKeyScope =
  /** Read governance data only (Viewer rights): every mutation is refused with FORBIDDEN. */
  | 'READ_ONLY'
  /** Read and write governance data (Editor rights). The default. */
  | 'READ_WRITE';

export type ApiKeyStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  /** Reported as leaked and revoked: every request with it is refused. It stays listed until an admin deletes it, and no longer counts against the key limit. */
  | 'REVOKED';

export type ChangePasswordInput = {
  currentPassword: string;
  /** Same rules as setup: at least 8 characters, at most 72 bytes, not only spaces; different from the current one. */
  newPassword: string;
};

export type CreateApiKeyInput = {
  /** 1–365 days; 30 when omitted. */
  expiresInDays?: number | null | undefined;
  /** 3–50 characters, unique in the organisation ignoring case. */
  name: string;
  /** READ_WRITE when omitted. */
  scope?: ApiKeyScope | null | undefined;
};

export type CreateUserInput = {
  email: string;
  name: string;
  /** At least 8 characters. */
  password: string;
  role: Role;
};

export type Role =
  | 'ADMIN'
  | 'EDITOR'
  | 'VIEWER';

export type RotateApiKeyInput = {
  /** Lifetime of the new secret: 1–365 days; when omitted, the key's last lifetime in whole days. */
  expiresInDays?: number | null | undefined;
  /** How long the current secret keeps working: 0–168 hours; 24 when omitted. 0 ends it at once. */
  graceHours?: number | null | undefined;
};

/** Leave a field out to keep its value. */
export type UpdateApiKeyInput = {
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


export type LoginMutation = { login: { id: string } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type SetupMutationVariables = Exact<{
  token: string;
  orgName: string;
  email: string;
  name: string;
  password: string;
}>;


export type SetupMutation = { setup: { id: string } };

export type ApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysQuery = { apiKeyLimit: number, apiKeys: Array<{ id: string, name: string, prefix: string, scope: ApiKeyScope, status: ApiKeyStatus, createdAt: string, expiresAt: string, lastUsedAt: string | null, rotatedAt: string | null, previousSecretExpiresAt: string | null, revokedAt: string | null, revocationNote: string | null, createdBy: { id: string, name: string, email: string } | null }> };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string, scope: ApiKeyScope } } };

export type RotateApiKeyMutationVariables = Exact<{
  id: string;
  input?: RotateApiKeyInput | null | undefined;
}>;


export type RotateApiKeyMutation = { rotateApiKey: { secret: string, apiKey: { id: string, name: string, scope: ApiKeyScope, expiresAt: string, previousSecretExpiresAt: string | null } } | null };

export type UpdateApiKeyMutationVariables = Exact<{
  id: string;
  input: UpdateApiKeyInput;
}>;


export type UpdateApiKeyMutation = { updateApiKey: { apiKey: { id: string, name: string, scope: ApiKeyScope } } | null };

export type DeleteApiKeyMutationVariables = Exact<{
  id: string;
}>;


export type DeleteApiKeyMutation = { deleteApiKey: boolean };

export type UsersQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersQuery = { users: Array<{ id: string, email: string, name: string, role: Role, createdAt: string }> };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string } };

export type UpdateUserRoleMutationVariables = Exact<{
  id: string;
  role: Role;
  deleteApiKeys?: boolean | null | undefined;
}>;


export type UpdateUserRoleMutation = { updateUserRole: { id: string, role: Role } };

export type DeleteUserMutationVariables = Exact<{
  id: string;
  deleteApiKeys?: boolean | null | undefined;
}>;


export type DeleteUserMutation = { deleteUser: boolean };

export type KeysByCreatorQueryVariables = Exact<{ [key: string]: never; }>;


export type KeysByCreatorQuery = { apiKeys: Array<{ id: string, name: string, prefix: string, scope: ApiKeyScope, createdBy: { id: string } | null }> };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { endedSessions: number } | null };

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
  login(email: $email, password: $password, organizationId: $organizationId) {
    id
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const SetupDocument = new TypedDocumentString(`
    mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {
  setup(
    token: $token
    orgName: $orgName
    email: $email
    name: $name
    password: $password
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetupMutation, SetupMutationVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys {
  apiKeyLimit
  apiKeys {
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
  }
}
    `) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
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
    mutation RotateApiKey($id: ID!, $input: RotateApiKeyInput) {
  rotateApiKey(id: $id, input: $input) {
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
    mutation UpdateApiKey($id: ID!, $input: UpdateApiKeyInput!) {
  updateApiKey(id: $id, input: $input) {
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
  deleteApiKey(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteApiKeyMutation, DeleteApiKeyMutationVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users {
  users {
    id
    email
    name
    role
    createdAt
  }
}
    `) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserRoleDocument = new TypedDocumentString(`
    mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {
  updateUserRole(id: $id, role: $role, deleteApiKeys: $deleteApiKeys) {
    id
    role
  }
}
    `) as unknown as TypedDocumentString<UpdateUserRoleMutation, UpdateUserRoleMutationVariables>;
export const DeleteUserDocument = new TypedDocumentString(`
    mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {
  deleteUser(id: $id, deleteApiKeys: $deleteApiKeys)
}
    `) as unknown as TypedDocumentString<DeleteUserMutation, DeleteUserMutationVariables>;
export const KeysByCreatorDocument = new TypedDocumentString(`
    query KeysByCreator {
  apiKeys {
    id
    name
    prefix
    scope
    createdBy {
      id
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