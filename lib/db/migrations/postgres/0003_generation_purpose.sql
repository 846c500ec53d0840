-- What a generation is for, when it is more than a prompt's images: `cutout` for an AI cutout (an edit asking
-- for a transparent background), whose results are saved as `kind: cutout` assets at the source's size.
ALTER TABLE generations ADD purpose text;
