/** A habit's colour as a small SVG square (an attribute, not an inline style: the CSP forbids those). */
export function Swatch({ color }: { color: string | null | undefined }) {
  return (
    <svg className="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <rect width="12" height="12" rx="3" fill={color ?? '#5f6b7a'} />
    </svg>
  );
}
