// Row shapes of the register's tables as SQL returns them, written once for every feature.

/** The `guardian` table's columns (migration 001). */
export interface GuardianColumns {
  id: string;
  civility: string | null;
  last_name: string;
  first_name: string;
  phone: string | null;
  phone_raw: string | null;
  email: string | null;
  email_raw: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  name_key: string;
  version: number;
  created_at: string;
  updated_at: string;
}
