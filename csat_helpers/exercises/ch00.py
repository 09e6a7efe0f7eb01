"""Chapter 0 warm-up: one exercise that shows how checks work."""

from ..checks import Exercise, Mistake

EXERCISES = [
    Exercise(
        id="0.1",
        title="Your first self-check: the mean of the ratings 4, 5, 3, 4",
        kind="number",
        expected=lambda: sum([4, 5, 3, 4]) / 4,
        expects="a number, e.g. 3.5",
        hints=(
            "The mean is the sum of the ratings divided by how many there are.",
            "Add the four ratings, then divide by 4.",
            "answer_0_1 = (4 + 5 + 3 + 4) / 4",
        ),
        takeaway="A mean rating summarises a survey item; later chapters ask what it hides.",
        tol=1e-9,
        mistakes=(Mistake(lambda: 4 + 5 + 3 + 4, "That is the sum; divide it by the number of ratings."),),
    ),
]
