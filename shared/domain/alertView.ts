import type { AlertPriority, AlertType } from './alerts';
import type { CrmActionType } from './crmActions';

/** A smart alert as the API returns it (SPEC §10 `Alert`). */
export interface AlertView {
  id: string;
  type: AlertType;
  supporterId: string;
  priority: AlertPriority;
  message: string;
  suggestedAction: CrmActionType;
  actionable: boolean;
  metadata: { conversionProbability: number; estimatedRevenue: number; timeWindow: string };
  createdAt: string;
  expiresAt: string | null;
  readAt: string | null;
  dismissedAt: string | null;
}
