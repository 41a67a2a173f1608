"""jiandu_dev: what only development runs — the demo-data generator, the rules report against its ground truth and
the in-process DAG runner behind `jiandu run`. Installed by the dev dependency group (make demo, make test), never
in the image; its commands join the one `jiandu` CLI through the `jiandu.cli` entry points (jiandu_dev.commands)."""
