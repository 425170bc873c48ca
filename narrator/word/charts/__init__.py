"""Native Word charts: a chart part (``word/charts/chartN.xml``) with its data in an embedded
workbook (``word/embeddings/*.xlsx``), so Word's and LibreOffice's "Edit Data" open the figures.

- narrator.word.charts.spec: what a chart shows, as plain data (bars of counts; a trend line
  with an optional target), no library imported;
- narrator.word.charts.drawingml: the chart XML and its workbook, written by python-pptx's chart
  XML writer and workbook writer (xlsxwriter) and styled through python-pptx's chart objects.
  python-pptx is imported there only, inside its functions: `narrator --help` and `check` never
  load it;
- narrator.word.charts.embed: the parts put into the .docx package and the inline drawing that
  shows them (``c:chart r:id``), found again by name and their data replaced on regeneration.
"""
