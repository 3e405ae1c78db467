"""User administration for admins: create a user, change a role, deactivate or reactivate."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField

from reuse.extensions import db
from reuse.services import accounts, directory
from reuse.web.access import actor, require_permission
from reuse.web.forms import ChoiceField, ServiceForm, attempt, optional_int
from reuse.web.vocabulary import choices

bp = Blueprint("admin", __name__, url_prefix="/admin")


class AccountForm(ServiceForm):
    """A new user: email, name, role, association, optional password."""

    email = EmailField(_l("Email"))
    name = StringField(_l("Name"))
    role = ChoiceField(_l("Role"))
    association_id = ChoiceField(_l("Association (for its users)"), coerce=optional_int)
    password = PasswordField(_l("Password"))

    def fill_choices(self) -> None:
        self.role.choices = choices("role", blank=_("Choose"))
        self.association_id.choices = [("", "–"), *directory.association_choices(db.session)]


class RoleForm(ServiceForm):
    """Another role for a user, with the association when the role needs one."""

    role = ChoiceField(_l("Role"))
    association_id = ChoiceField(_l("Association"), coerce=optional_int)

    fill_choices = AccountForm.fill_choices


@bp.get("/users")
@require_permission("users.write")
def users():
    """Every user, with the forms to change them and to add one."""
    form = AccountForm(formdata=None)
    form.fill_choices()
    return _page(form)


@bp.post("/users")
@require_permission("users.write")
def create_user():
    """Create a user; a generated password is shown once."""
    form = AccountForm()
    form.fill_choices()
    if form.validate_on_submit():
        outcome = attempt(
            form, lambda: accounts.create_account(db.session, actor(), **form.values())
        )
        if outcome.ok:
            user, password = outcome.value
            if form.password.data:
                flash(_("User %(email)s created.", email=user.email), "success")
            else:
                flash(
                    _(
                        "User %(email)s created. Their password, shown once: %(password)s",
                        email=user.email,
                        password=password,
                    ),
                    "success",
                )
            return redirect(url_for("admin.users"))
        return _page(form, status=outcome.status)
    return _page(form, status=422)


@bp.post("/users/<int:user_id>/role")
@require_permission("users.write")
def change_role(user_id: int):
    """Give a user another role."""
    form = RoleForm()
    form.fill_choices()
    if form.validate_on_submit():
        outcome = attempt(
            form,
            lambda: accounts.change_role(
                db.session, actor(), user_id, form.role.data, form.association_id.data
            ),
        )
        if outcome.ok:
            flash(_("Role of %(email)s changed.", email=outcome.value.email), "success")
            return redirect(url_for("admin.users"))
        return _page(_fresh_account_form(), {user_id: form}, outcome.status)
    return _page(_fresh_account_form(), {user_id: form}, 422)


@bp.post("/users/<int:user_id>/active")
@require_permission("users.write")
def set_active(user_id: int):
    """Deactivate a user, or let them sign in again."""
    form = ServiceForm()
    activate = request.form.get("active") == "1"
    if form.validate_on_submit():
        outcome = attempt(form, lambda: accounts.set_active(db.session, actor(), user_id, activate))
        if outcome.ok:
            email = outcome.value.email
            if activate:
                flash(_("%(email)s can sign in again.", email=email), "success")
            else:
                flash(_("%(email)s can no longer sign in.", email=email), "success")
            return redirect(url_for("admin.users"))
        return _page(_fresh_account_form(), {user_id: form}, outcome.status)
    return _page(_fresh_account_form(), {user_id: form}, 422)


def _fresh_account_form() -> AccountForm:
    form = AccountForm(formdata=None)
    form.fill_choices()
    return form


def _page(form: AccountForm, row_forms: dict | None = None, status: int = 200):
    role_form = RoleForm(formdata=None)
    role_form.fill_choices()
    return (
        render_template(
            "users.html",
            users=directory.users(db.session),
            form=form,
            role_form=role_form,
            row_forms=row_forms or {},
        ),
        status,
    )
