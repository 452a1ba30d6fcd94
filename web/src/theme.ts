import { Badge, createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: "650" },
  // Badges in sentence case, like the statuses: "Mise en demeure", not "MISE EN DEMEURE".
  components: { Badge: Badge.extend({ defaultProps: { tt: "none" } }) },
});
