"""The interchange formats: one module per format, each a reader, a writer or both.

A reader imports a file another tool wrote (Argdown, AIF, a Kialo export, GraphML, node-link
JSON) into a map: it builds a located map document and hands it to the map loader, so an
imported map is checked by the same rules as a hand-written one and every problem is reported
at the line and column of the imported file.  A writer exports a map; what a format has no
place for travels in an extension block its reader reads back.  :mod:`.registry` lists them
all; :mod:`.iccma` reads and writes abstract argumentation frameworks (ICCMA formats).
"""

__all__: list[str] = []
