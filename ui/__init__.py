"""Streamlit-side building blocks shared by the pages (frame, controls, charts, caches)."""
