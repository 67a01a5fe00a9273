// Shown in place of the form while the report has no action: add the first
// action, or report the month explicitly as "sem ações no mês" with a
// justification (minimum length from the program's report rule).
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace mobiliza::ui {

class NoActionsPanel : public QWidget
{
    Q_OBJECT

public:
    NoActionsPanel(int minJustificationLength, QWidget *parent = nullptr);

    void setState(bool noActions, const QString &justification, bool editable); // never emits edited()
    bool noActions() const;
    QString justification() const;

    QPushButton *addButton() const { return m_add; }
    QCheckBox *noActionsBox() const { return m_box; }
    QPlainTextEdit *justificationField() const { return m_text; }
    void focusJustification();

Q_SIGNALS:
    void addActionRequested();
    void edited(bool typing);

private:
    void updateCount();

    int m_min = 0;
    QPushButton *m_add = nullptr;
    QCheckBox *m_box = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
    QWidget *m_justificationBlock = nullptr;
    bool m_setting = false;
};

} // namespace mobiliza::ui
