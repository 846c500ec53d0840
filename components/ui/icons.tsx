import type { SVGProps } from "react";

/** A few stroke icons (24×24 grid, currentColor) so the studio needs no icon package. */

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function make(paths: string[], displayName: string) {
  function Icon({ size = 16, ...rest }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
        {...rest}
      >
        {paths.map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
    );
  }
  Icon.displayName = displayName;
  return Icon;
}

export const IconSparkles = make(
  [
    "M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8z",
    "M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z",
  ],
  "IconSparkles",
);
export const IconUpload = make(["M12 16V4", "M7 9l5-5 5 5", "M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3"], "IconUpload");
export const IconDownload = make(
  ["M12 4v12", "M7 11l5 5 5-5", "M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3"],
  "IconDownload",
);
export const IconTrash = make(
  ["M4 7h16", "M10 11v6", "M14 11v6", "M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12", "M9 7V4h6v3"],
  "IconTrash",
);
export const IconX = make(["M6 6l12 12", "M18 6L6 18"], "IconX");
export const IconCheck = make(["M5 12.5l4.5 4.5L19 7.5"], "IconCheck");
export const IconExpand = make(["M15 4h5v5", "M9 20H4v-5", "M20 4l-6 6", "M4 20l6-6"], "IconExpand");
export const IconCopy = make(["M9 9h10v10H9z", "M5 15V5h10"], "IconCopy");
export const IconRetry = make(
  ["M4 12a8 8 0 0 1 13.7-5.6L20 8.5", "M20 4v4.5h-4.5", "M20 12a8 8 0 0 1-13.7 5.6L4 15.5", "M4 20v-4.5h4.5"],
  "IconRetry",
);
export const IconLock = make(["M6 11h12v9H6z", "M8.5 11V8a3.5 3.5 0 0 1 7 0v3"], "IconLock");
export const IconImage = make(["M4 5h16v14H4z", "M4 16l5-5 4 4 2.5-2.5L20 17", "M15.5 9.5h.01"], "IconImage");
export const IconEdit = make(["M4 20h4L19 9l-4-4L4 16z", "M13.5 6.5l4 4"], "IconEdit");
export const IconChevronLeft = make(["M15 5l-7 7 7 7"], "IconChevronLeft");
export const IconChevronRight = make(["M9 5l7 7-7 7"], "IconChevronRight");
export const IconChevronDown = make(["M5 9l7 7 7-7"], "IconChevronDown");
export const IconAlert = make(["M12 4l9 16H3z", "M12 10v4", "M12 17h.01"], "IconAlert");
export const IconFile = make(["M7 3h7l5 5v13H7z", "M14 3v5h5"], "IconFile");
export const IconStop = make(["M7 7h10v10H7z"], "IconStop");
export const IconLayers = make(["M12 4l9 5-9 5-9-5z", "M3 14l9 5 9-5"], "IconLayers");
export const IconPlus = make(["M12 5v14", "M5 12h14"], "IconPlus");
export const IconBrush = make(
  ["M14 4l6 6-8.5 8.5a3 3 0 0 1-4.2 0l-1.8-1.8a3 3 0 0 1 0-4.2z", "M4 20c1.5 0 3-1 3-2.5"],
  "IconBrush",
);
export const IconScissors = make(
  ["M6 7a2 2 0 1 0 0 .01", "M6 17a2 2 0 1 0 0 .01", "M7.6 8.2L20 17", "M7.6 15.8L20 7"],
  "IconScissors",
);
