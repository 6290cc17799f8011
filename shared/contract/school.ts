import { z } from 'zod';
import { read, write } from './define';

export const School = z.object({
  uai: z.string().nullable(),
  name: z.string(),
  address: z.string().nullable(),
  departement: z.string().nullable(),
});
export type School = z.infer<typeof School>;

export const AppInfo = z.object({
  version: z.string(),
  dbPath: z.string(),
  school: School,
  counts: z.object({ students: z.number(), enrolled: z.number(), guardians: z.number() }),
  lastImport: z.object({ at: z.string(), fileNames: z.array(z.string()) }).nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const schoolContract = {
  'app.info': read(z.object({}), AppInfo),
  'school.update': write(
    z.object({
      uai: z.string().max(20).nullable(),
      name: z.string().trim().min(1).max(200),
      address: z.string().max(500).nullable(),
      departement: z.string().max(3).nullable(),
    }),
    School,
  ),
} as const;
