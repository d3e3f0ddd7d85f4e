// A handful of 16px stroke icons, drawn inline so they inherit colour and need no package.
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function Icon({ children, className = 'size-4', ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={`shrink-0 ${className}`}
      {...rest}
    >
      {children}
    </svg>
  );
}

export const CheckIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 8.5l3 3 6-7" />
  </Icon>
);
export const CrossIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
);
export const InfoIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="6.25" />
    <path d="M8 7.25v4M8 4.75v.01" />
  </Icon>
);
export const WarningIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 1.75l6.5 11.5h-13z" />
    <path d="M8 6.5v3M8 11.5v.01" />
  </Icon>
);
export const RestartIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M13.25 8A5.25 5.25 0 1 1 11.5 4.1" />
    <path d="M11.75 1.5v2.75H9" />
  </Icon>
);
export const SearchIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5l3.5 3.5" />
  </Icon>
);
export const ChevronIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6 4l4 4-4 4" />
  </Icon>
);
export const SortIcon = ({ sorted, ...props }: IconProps & { sorted: 'asc' | 'desc' | null }) => (
  <Icon {...props}>
    {sorted !== 'desc' && <path d="M5 6.5L8 3.5l3 3" opacity={sorted ? 1 : 0.4} />}
    {sorted !== 'asc' && <path d="M5 9.5l3 3 3-3" opacity={sorted ? 1 : 0.4} />}
  </Icon>
);
export const LockIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </Icon>
);
export const PlugIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5.5 1.75v3M10.5 1.75v3M3.75 4.75h8.5v2.5a4.25 4.25 0 0 1-8.5 0zM8 11.5v2.75" />
  </Icon>
);
export const WrenchIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10.5 2.25a3 3 0 0 0-2.9 3.8L2.5 11.15a1.2 1.2 0 0 0 1.7 1.7l5.1-5.1a3 3 0 0 0 3.8-2.9l-1.6 1.1-1.6-.6-.6-1.6z" />
  </Icon>
);
export const GitIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="4.5" cy="3.5" r="1.5" />
    <circle cx="4.5" cy="12.5" r="1.5" />
    <circle cx="11.5" cy="6" r="1.5" />
    <path d="M4.5 5v6M11.5 7.5c0 2.5-3 2.5-5.6 4.1" />
  </Icon>
);
