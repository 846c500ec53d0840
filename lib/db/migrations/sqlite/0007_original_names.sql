-- The upload's own file name (sanitised: no path, no control or bidi characters, NFC, at most 200
-- characters), or a name derived from it for an edit or cutout of a named asset; null for generated
-- images and for rows older than this column (docs/api.md "Assets": `originalName`).
ALTER TABLE `assets` ADD `original_name` text;
