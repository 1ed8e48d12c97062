from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from cim.accounts.models import User
from cim.core.forms import Form, ModelForm


class ProfileForm(ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]


class AccountCreateForm(Form):
    """A new account, after a valid login code or invitation."""

    name = forms.CharField(label=_("Uw naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254, help_text=_("Hiermee logt u voortaan in."))
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens; geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord herhalen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, fixed_email: str | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fixed_email = fixed_email
        if fixed_email:
            self.fields["email"].initial = fixed_email
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("Het adres waarop u de uitnodiging ontving.")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul uw naam in."))
        return name

    def clean_email(self) -> str:
        email = (self.fixed_email or self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Er bestaat al een account met dit e-mailadres. Log eerst in; daarna kunt u de code of uitnodiging gebruiken."
                )
            )
        return email

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De wachtwoorden zijn niet gelijk."))
        if p1 and not self.errors.get("password1"):
            candidate = User(email=data.get("email", ""), name=data.get("name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
