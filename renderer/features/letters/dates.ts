const TZ = 'Europe/Paris';

export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' });

export const formatDay = (iso: string): string => new Date(iso).toLocaleDateString('fr-FR', { timeZone: TZ, dateStyle: 'long' });
