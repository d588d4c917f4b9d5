import { defineConfig } from "vite";

// One self-contained script: the CSS is imported as a string and put into the
// widget's shadow root, so nothing but the script file is written, always under
// the same name (the snippet on customers' sites points at /widget.js).
export default defineConfig({
  build: {
    target: "es2020",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: "src/main.ts",
      name: "ParleyWidget",
      formats: ["iife"],
      fileName: () => "widget.js",
    },
  },
});
