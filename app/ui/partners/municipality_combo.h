// A municipality picker over the reference table: type part of the name, with or
// without accents, hyphens or old spellings, and pick from the pop-up list.
#pragma once

#include "core/reference/reference_data.h"

#include <QComboBox>

class QCompleter;

namespace mobiliza::ui {

class MunicipalitySearchModel;

class MunicipalityCombo : public QComboBox
{
    Q_OBJECT

public:
    explicit MunicipalityCombo(core::ReferenceData reference, QWidget *parent = nullptr);

    // The IBGE code of what is typed or chosen; empty when the text is empty or names
    // no municipality of the table.
    QString code() const;
    void setCode(const QString &ibge);

private:
    core::ReferenceData m_reference;
    MunicipalitySearchModel *m_search = nullptr;
    QCompleter *m_completer = nullptr;
};

} // namespace mobiliza::ui
