// The questions the partners screens ask the user (confirmations, file names,
// messages), behind a seam: the app uses QtPartnerPrompts (standard dialogs),
// tests install a fake that answers at once, so nothing ever blocks a test.
#pragma once

#include <QString>

class QWidget;

namespace mobiliza::ui {

class PartnerPrompts
{
public:
    virtual ~PartnerPrompts() = default;
    // True when the user accepts. acceptLabel names the action ("Erase data").
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptLabel) = 0;
    // Empty when the user cancels.
    virtual QString saveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
                                 const QString &filter) = 0;
    virtual void inform(QWidget *parent, const QString &title, const QString &text) = 0;
    virtual void warn(QWidget *parent, const QString &title, const QString &text) = 0;
};

// Standard Qt dialogs (modal).
class QtPartnerPrompts final : public PartnerPrompts
{
public:
    bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel) override;
    QString saveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
                         const QString &filter) override;
    void inform(QWidget *parent, const QString &title, const QString &text) override;
    void warn(QWidget *parent, const QString &title, const QString &text) override;
};

} // namespace mobiliza::ui
