// What the program's rules say about the report, live: blocking findings first
// (red), then warnings (amber). Activating a line (click, Enter) asks the page
// to jump to the field it points at.
#pragma once

#include "core/program/finding.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace mobiliza::ui {

class FindingsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FindingsPanel(QWidget *parent = nullptr);

    void setFindings(const core::Findings &findings);
    const core::Findings &findings() const { return m_findings; }
    QListWidget *list() const { return m_list; }
    QLabel *summary() const { return m_summary; }
    // Row of the first finding with this path (-1 when none): tests and keyboard.
    int rowOf(const QString &path) const;
    QString pathAt(int row) const; // the finding's field path (empty past the end)

Q_SIGNALS:
    void findingActivated(const QString &path);

private:
    core::Findings m_findings;
    QLabel *m_summary = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace mobiliza::ui
