class DomainError(Exception):
    """A rule of the domain was broken. The message is shown to the user as is (translated)."""

    def __init__(self, message: object, *, code: str = "invalid") -> None:
        self.message = str(message)
        self.code = code
        super().__init__(self.message)
