/** The places of a photo its Open Graph card may be cut around (front matter's `image_focus`). */

/** Where a lead photo's card is cut, as front matter's `image_focus` says it, by sharp's name of it. */
export const FOCUS_POSITIONS: Record<string, string> = {
  center: 'centre', top: 'top', bottom: 'bottom', left: 'left', right: 'right',
  'top left': 'left top', 'top right': 'right top', 'bottom left': 'left bottom', 'bottom right': 'right bottom',
  attention: 'attention',
};
