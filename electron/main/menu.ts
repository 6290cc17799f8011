// The application menu, in French, minimal. A pure template builder so it can be tested.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Developer tools only outside packaged builds. */
  isPackaged: boolean;
  openHelp(): void;
  showAbout(): void;
}

export const HELP_URL = 'https://educonnect.education.gouv.fr/';

export function menuTemplate({ isPackaged, openHelp, showAbout }: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Taille réelle' },
    { role: 'zoomIn', label: 'Agrandir' },
    { role: 'zoomOut', label: 'Réduire' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Plein écran' },
  ];
  if (!isPackaged) {
    view.push({ type: 'separator' }, { role: 'reload', label: 'Recharger' }, { role: 'toggleDevTools', label: 'Outils de développement' });
  }
  return [
    { label: 'Fichier', submenu: [{ role: 'quit', label: 'Quitter' }] },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    { label: 'Affichage', submenu: view },
    {
      label: 'Aide',
      submenu: [
        { label: 'Aide EduConnect (site officiel)', click: () => openHelp() },
        { type: 'separator' },
        { label: 'À propos de Sésame', click: () => showAbout() },
      ],
    },
  ];
}
