"""Files into raw sheets: workbooks, CSV folders and zips, their encodings, and the problems a
reader finds on the way (hidden rows, formulas, bad headers, bad characters); nothing is
interpreted beyond finding rows."""
