#pragma once

#include "app/ui/app_context.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;

namespace mobiliza::ui {

class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(const AppContext &context, QWidget *parent = nullptr);
    QComboBox *languageBox() const { return m_language; }

private:
    void reload();

    AppContext m_context;
    QFormLayout *m_form = nullptr;
    QLabel *m_level = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_municipality = nullptr;
    QLabel *m_urs = nullptr;
    QLabel *m_regiao = nullptr;
    QLabel *m_program = nullptr;
    QLabel *m_dataDir = nullptr;
    QLabel *m_installation = nullptr;
    QLabel *m_reference = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
};

} // namespace mobiliza::ui
