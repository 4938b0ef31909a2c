// Marker icons as divIcons (Leaflet's default PNG icons break under bundlers).
// Shape and glyph carry the meaning, colour only repeats it: open = filled circle with "!",
// closed = small hollow square with "✓", a group shows its count (dashed when only closed).
import L from 'leaflet';
import type { Cluster } from '../api/types';

const MIN_TARGET = 44;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function clusterIcon(cluster: Cluster, countText: string): L.DivIcon {
  const single = cluster.count === 1;
  const anyOpen = cluster.open > 0;
  let cls: string;
  let glyph: string;
  let visual: number;
  if (single) {
    cls = anyOpen ? 'mk mk-report mk-open' : 'mk mk-report mk-closed';
    glyph = anyOpen ? '!' : '✓';
    visual = anyOpen ? 30 : 22;
  } else {
    cls = anyOpen ? 'mk mk-cluster mk-open' : 'mk mk-cluster mk-closed';
    glyph = countText;
    visual = cluster.count < 10 ? 34 : cluster.count < 100 ? 40 : cluster.count < 1000 ? 48 : 56;
  }
  const size = Math.max(MIN_TARGET, visual);
  return L.divIcon({
    className: 'mk-target',
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    // The accessible name is set as aria-label on the marker element (labelMarker): one node
    // less per marker than a hidden text span, which counts with thousands of markers.
    html: `<span class="${cls}" style="width:${visual}px;height:${visual}px" aria-hidden="true">${escapeHtml(glyph)}</span>`,
  });
}

/** Gives a marker's focusable element its accessible name (Leaflet only sets title). */
export function labelMarker(marker: L.Marker, label: string): void {
  marker.getElement()?.setAttribute('aria-label', label);
}

export function pinIcon(label: string): L.DivIcon {
  return L.divIcon({
    className: 'mk-target mk-pin-target',
    iconSize: [44, 52],
    iconAnchor: [22, 50],
    html: `<span class="mk-pin" aria-hidden="true"></span><span class="visually-hidden">${escapeHtml(label)}</span>`,
  });
}
