"""Official place codes and names (``geo``), one point per tambon (``points``, read from
``tambon_points.csv`` beside it) and the provinces' outlines (``outlines``, from
``province_outlines.geojson``)."""
