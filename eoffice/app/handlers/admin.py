"""Administration: number formats and route templates."""

from __future__ import annotations

from eoffice.app import commands as c
from eoffice.app.bus import Deps, handles
from eoffice.services import holidays, numbering, routing, settings
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.template import template_from_dict, template_to_dict


@handles(c.SetNumberFormat)
def set_number_format(cmd: c.SetNumberFormat, uow: UnitOfWork, deps: Deps) -> None:
    numbering.set_format(uow, deps.require_actor(), cmd.pattern.strip(), unit_code=cmd.unit_code,
                         kind=cmd.doc_kind)


@handles(c.SetSetting)
def set_setting(cmd: c.SetSetting, uow: UnitOfWork, deps: Deps) -> str:
    return settings.set_setting(uow, deps.require_actor(), cmd.key, cmd.value)


@handles(c.AddHoliday)
def add_holiday(cmd: c.AddHoliday, uow: UnitOfWork, deps: Deps) -> holidays.HolidayInfo:
    return holidays.add(uow, deps.require_actor(), cmd.day, cmd.name, cmd.kind)


@handles(c.RemoveHoliday)
def remove_holiday(cmd: c.RemoveHoliday, uow: UnitOfWork, deps: Deps) -> None:
    holidays.remove(uow, deps.require_actor(), cmd.day)


@handles(c.ImportTemplate)
def import_template(cmd: c.ImportTemplate, uow: UnitOfWork, deps: Deps) -> tuple[str, int]:
    template = template_from_dict(dict(cmd.definition))  # validated again: a command may come from anywhere
    return template.name, routing.import_template(uow, deps.require_actor(), template_to_dict(template))
