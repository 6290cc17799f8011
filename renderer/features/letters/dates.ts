// On screen, times are the computer's, as everywhere else in the app (the school's own clock).
export const formatDateTime = (iso: string): string => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

export const formatDay = (iso: string): string => new Date(iso).toLocaleDateString('fr-FR', { dateStyle: 'long' });
