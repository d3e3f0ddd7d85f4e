// The dashboard's icons, from lucide-react, under the names the components use: 16px by default,
// decorative (aria-hidden; the text or accessible name beside each icon says what it means), and in
// the current text colour.
import {
  Check,
  ChevronDown,
  ChevronRight,
  ChevronsUpDown,
  ChevronUp,
  GitBranch,
  Info,
  Lock,
  Plug,
  RotateCw,
  Search,
  TriangleAlert,
  Wrench,
  X,
  type LucideIcon,
  type LucideProps,
} from 'lucide-react';

type IconProps = LucideProps;

function icon(Glyph: LucideIcon) {
  function Icon({ className = 'size-4', ...rest }: IconProps) {
    return <Glyph aria-hidden="true" focusable="false" className={`shrink-0 ${className}`} {...rest} />;
  }
  Icon.displayName = `${Glyph.displayName ?? 'Lucide'}Icon`;
  return Icon;
}

export const CheckIcon = icon(Check);
export const CrossIcon = icon(X);
export const InfoIcon = icon(Info);
export const WarningIcon = icon(TriangleAlert);
export const RestartIcon = icon(RotateCw);
export const SearchIcon = icon(Search);
export const ChevronIcon = icon(ChevronRight);
export const LockIcon = icon(Lock);
export const PlugIcon = icon(Plug);
export const WrenchIcon = icon(Wrench);
export const GitIcon = icon(GitBranch);

const SORT_GLYPHS = { asc: icon(ChevronUp), desc: icon(ChevronDown), none: icon(ChevronsUpDown) };

/** A sortable column's state: up, down, or both (faint) while unsorted. */
export function SortIcon({ sorted, ...props }: IconProps & { sorted: 'asc' | 'desc' | null }) {
  const Glyph = SORT_GLYPHS[sorted ?? 'none'];
  return <Glyph {...props} opacity={sorted ? 1 : 0.4} />;
}
