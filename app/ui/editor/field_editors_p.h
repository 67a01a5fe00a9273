// The editors shared between field types, and those of the national program's types
// (docs/programs.md): a state, municipalities of that state, and a list of entries. Made by
// FieldEditor::create.
#pragma once

#include "app/ui/editor/field_editors.h"

namespace mobiliza::ui {

// One code chosen from `items` (label, code), after "— choose —": a choice field, a state.
FieldEditor *createComboEditor(const core::FieldDefinition &field,
                               const QList<std::pair<QString, QString>> &items, int maxWidth,
                               QWidget *parentWidget, QObject *parent);
// The active entries of a choice field's catalogue, as (label, code).
QList<std::pair<QString, QString>> catalogueItems(const core::ProgramDefinition &program,
                                                  const core::FieldDefinition &field);
FieldEditor *createUfEditor(const core::FieldDefinition &field, QWidget *parentWidget, QObject *parent);
// The municipalities of the state chosen in the program's `uf` field (followValues).
FieldEditor *createMunicipalitiesEditor(const core::FieldDefinition &field,
                                        const core::ProgramDefinition &program, QWidget *parentWidget,
                                        QObject *parent);
// One small form per entry, made of the item fields' own editors; "Add" and "Remove".
FieldEditor *createListEditor(const core::FieldDefinition &field, const core::ProgramDefinition &program,
                              QWidget *parentWidget, QObject *parent);

} // namespace mobiliza::ui
