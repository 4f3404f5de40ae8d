import type { AuditAction } from '../../gql/graphql';

/** "API_KEY_CREATED" → "API key created", "AI_MODEL_UPDATED" → "AI model updated". */
export function actionLabel(action: AuditAction | string): string {
  const words = action.toLowerCase().split('_').join(' ');
  const text = words.replace(/^api key/, 'API key').replace(/^ai model/, 'AI model');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every action, in the schema's order, for the filter. */
export const AUDIT_ACTIONS: AuditAction[] = [
  'API_KEY_CREATED',
  'API_KEY_DELETED',
  'USER_CREATED',
  'USER_ROLE_CHANGED',
  'USER_DELETED',
  'USER_PASSWORD_CHANGED',
  'PROJECT_CREATED',
  'PROJECT_UPDATED',
  'PROJECT_DELETED',
  'AI_MODEL_CREATED',
  'AI_MODEL_UPDATED',
  'AI_MODEL_DELETED',
  'RISK_CREATED',
  'RISK_UPDATED',
  'RISK_DELETED',
];
