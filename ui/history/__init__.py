"""The history page: booms and winters on a timeline, the perceptron and XOR, the vanishing gradient."""
