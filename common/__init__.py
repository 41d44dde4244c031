"""The bottom layer every package may use, and that imports no other package of the project:
number and date formats (:mod:`common.formats`), escaping (:mod:`common.safe_text`), URL
parameter parsing (:mod:`common.params`), CSV/XLSX writing with formula neutralising
(:mod:`common.export`) and the Thai/English label table (:mod:`common.strings`)."""
