"""Official place codes and names (``geo``) and one point per tambon (``points``, read from
``tambon_points.csv`` beside it)."""
