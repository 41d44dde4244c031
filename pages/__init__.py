"""The pages st.navigation runs by path (app.py). A package only so `lint-imports` can check that
nothing imports a page; Streamlit skips ``__init__.py`` when it lists a ``pages/`` folder."""
