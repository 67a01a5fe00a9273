// The dialogs seam: every message box, confirmation and file dialog the
// application shows (report editor, partners) goes through this interface, so
// tests pre-answer them and never block (ARCHITECTURE.md rule 4).
// WidgetDialogs is the real implementation (standard modal Qt dialogs).
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace mobiliza::ui {

class Dialogs
{
public:
    // How a confirmation looks: a question, or a warning before something that
    // destroys data (Enter still picks Cancel in both).
    enum class Tone
    {
        Question,
        Destructive
    };

    virtual ~Dialogs() = default;

    // True when the user accepts; `acceptText` names the action ("Conclude", "Erase data").
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptText, Tone tone) = 0;
    // A message that needs acknowledging (something failed and why).
    virtual void warn(QWidget *parent, const QString &title, const QString &text) = 0;
    // A message that something was done.
    virtual void inform(QWidget *parent, const QString &title, const QString &text) = 0;
    // Image files to import; empty when cancelled.
    virtual QStringList openImageFiles(QWidget *parent, const QString &title) = 0;
    // Files to open (one or several) matching `filter` ("Report packages (*.mobiliza)"); empty when cancelled.
    virtual QStringList openFiles(QWidget *parent, const QString &title, const QString &filter) = 0;
    // The file to write; empty when cancelled. A bare file name as `suggestedPath`
    // is offered in the folder last saved to (Documents at first).
    virtual QString saveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
                                 const QString &filter) = 0;
    // Opens a file with the system's application for it (the PDF viewer prints);
    // false (after saying so) when there is none.
    virtual bool openFile(QWidget *parent, const QString &path) = 0;
};

class WidgetDialogs final : public Dialogs
{
public:
    bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText,
                 Tone tone) override;
    void warn(QWidget *parent, const QString &title, const QString &text) override;
    void inform(QWidget *parent, const QString &title, const QString &text) override;
    QStringList openImageFiles(QWidget *parent, const QString &title) override;
    QStringList openFiles(QWidget *parent, const QString &title, const QString &filter) override;
    QString saveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
                         const QString &filter) override;
    bool openFile(QWidget *parent, const QString &path) override;

    // Where a file dialog opens the first time: the folder wanted, or home when it does not exist.
    static QString startFolder(const QString &preferred);

private:
    QString m_lastFolder;
    QString m_lastFilesFolder;
    QString m_lastSaveFolder;
};

} // namespace mobiliza::ui
