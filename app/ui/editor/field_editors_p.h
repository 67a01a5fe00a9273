// The editors of the national program's field types (docs/programs.md): a state,
// municipalities of that state, and a list of entries. Made by FieldEditor::create.
#pragma once

#include "app/ui/editor/field_editors.h"

namespace mobiliza::ui {

FieldEditor *createUfEditor(const core::FieldDefinition &field, QWidget *parentWidget, QObject *parent);
// The municipalities of the state chosen in the program's `uf` field (followValues).
FieldEditor *createMunicipalitiesEditor(const core::FieldDefinition &field,
                                        const core::ProgramDefinition &program, QWidget *parentWidget,
                                        QObject *parent);
// One small form per entry, made of the item fields' own editors; "Add" and "Remove".
FieldEditor *createListEditor(const core::FieldDefinition &field, const core::ProgramDefinition &program,
                              QWidget *parentWidget, QObject *parent);

} // namespace mobiliza::ui
