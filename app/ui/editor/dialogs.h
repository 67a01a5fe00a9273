// The dialogs seam: every message box, confirmation and file dialog the editor
// shows goes through this interface, so tests pre-answer them and never block
// (ARCHITECTURE.md rule 4). WidgetDialogs is the real implementation.
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace mobiliza::ui {

class Dialogs
{
public:
    virtual ~Dialogs() = default;

    // A yes/no question; `acceptText` names the action ("Remove", "Conclude").
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptText) = 0;
    // A message that needs acknowledging (something failed and why).
    virtual void warn(QWidget *parent, const QString &title, const QString &text) = 0;
    // Image files to import; empty when cancelled.
    virtual QStringList openImageFiles(QWidget *parent, const QString &title) = 0;
};

class WidgetDialogs final : public Dialogs
{
public:
    bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText) override;
    void warn(QWidget *parent, const QString &title, const QString &text) override;
    QStringList openImageFiles(QWidget *parent, const QString &title) override;

private:
    QString m_lastFolder;
};

} // namespace mobiliza::ui
