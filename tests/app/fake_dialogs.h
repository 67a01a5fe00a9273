// The dialogs seam pre-answered, for the GUI tests: records what was asked and
// never blocks. Shared by the editor and partners tests.
#pragma once

#include "app/ui/dialogs.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace mobiliza::test {

class FakeDialogs final : public ui::Dialogs
{
public:
    bool confirm(QWidget *, const QString &, const QString &text, const QString &, Tone) override
    {
        questions << text;
        return answers.isEmpty() ? defaultAnswer : answers.takeFirst();
    }
    void warn(QWidget *, const QString &, const QString &text) override { warnings << text; }
    void inform(QWidget *, const QString &, const QString &text) override { messages << text; }
    QStringList openImageFiles(QWidget *, const QString &) override
    {
        ++fileDialogs;
        return std::exchange(nextFiles, {});
    }
    QStringList openFiles(QWidget *, const QString &, const QString &filter) override
    {
        ++fileDialogs;
        lastFilter = filter;
        return std::exchange(nextFiles, {});
    }
    QString saveFileName(QWidget *, const QString &, const QString &suggestedPath, const QString &filter) override
    {
        lastSuggestedPath = suggestedPath;
        lastFilter = filter;
        return savePath;
    }
    bool openFile(QWidget *, const QString &path) override
    {
        opened << path;
        return true;
    }

    // confirm(): the next answers in order, then defaultAnswer.
    bool defaultAnswer = true;
    QList<bool> answers;
    // openImageFiles() and openFiles() answer nextFiles once; saveFileName() always answers savePath.
    QStringList nextFiles;
    QString savePath;
    // What was asked or shown.
    QStringList questions;
    QStringList warnings;
    QStringList messages;
    int fileDialogs = 0;
    QString lastSuggestedPath; // what saveFileName() proposed
    QString lastFilter;        // of the last file dialog
    QStringList opened;        // files handed to the system's viewer
};

} // namespace mobiliza::test
