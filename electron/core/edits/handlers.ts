import type { HandlerTable } from '../context';
import { guardianForm, studentForm } from './forms';
import { updateGuardian } from './guardian';
import { linkGuardian, unlinkGuardian, updateLink } from './links';
import { phoneCountries, previewPhone } from './phone';
import { updateStudent } from './student';

export const editsHandlers = {
  'guardians.editForm': (input, ctx) => guardianForm(ctx.db, input.id),
  'guardians.update': (input, ctx) => updateGuardian(input, ctx),
  'phone.countries': () => phoneCountries(),
  'guardians.previewPhone': (input) =>
    previewPhone(input.raw, input.country, { postalCode: input.postalCode, addressCountry: input.addressCountry }),
  'students.editForm': (input, ctx) => studentForm(ctx.db, input.id),
  'students.update': (input, ctx) => updateStudent(input, ctx),
  'guardianships.link': (input, ctx) => linkGuardian(input, ctx),
  'guardianships.update': (input, ctx) => updateLink(input, ctx),
  'guardianships.unlink': (input, ctx) => unlinkGuardian(input, ctx),
} satisfies HandlerTable;
