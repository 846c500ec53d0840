import type { Config } from "tailwindcss";

// Tailwind 4 reads this through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#f3f1ff",
          100: "#e9e5ff",
          200: "#d5ceff",
          300: "#b6a6ff",
          400: "#9274ff",
          500: "#7446ff",
          600: "#6425f5",
          700: "#5416d9",
          800: "#4614b1",
          900: "#3b1491",
        },
        ink: {
          DEFAULT: "#18181b",
          soft: "#52525b",
          faint: "#a1a1aa",
        },
      },
      fontFamily: {
        sans: [
          "Inter",
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "PingFang SC",
          "Microsoft YaHei",
          "Noto Sans CJK SC",
          "sans-serif",
        ],
      },
      boxShadow: {
        card: "0 1px 2px rgb(24 24 27 / 0.04), 0 1px 3px rgb(24 24 27 / 0.06)",
        lift: "0 10px 30px -12px rgb(24 24 27 / 0.25)",
      },
    },
  },
};

export default config;
