"""The LSTM forward page: one block stepped through time, gate by gate."""
