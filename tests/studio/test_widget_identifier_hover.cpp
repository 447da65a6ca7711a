// IdentifierHover: which text a dwell over a Python editor offers (names and dotted names,
// never calls, subscripts, keywords, numbers, strings or comments), and that a dwell over a
// known identifier emits CodeEditor::identifierHovered with it.
#include <QSignalSpy>
#include <QTest>

#include "widgets/editor/code_editor.h"
#include "widgets/editor/identifier_hover.h"

using kusari::widgets::CodeEditor;
using kusari::widgets::IdentifierHover;

namespace {

const QString kCode = QStringLiteral("h = self.l1.W + f(x).y * a[0].b\n# note h\ns = 'h'\nfor i in range(3): z = 12\n");

int at(const QString& needle, int skip = 0) { return int(kCode.indexOf(needle)) + skip; }

}  // namespace

class TestWidgetIdentifierHover : public QObject {
  Q_OBJECT
 private slots:
  void identifierAt_data() {
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name") << 0 << "h";
    QTest::newRow("chain head") << at("self", 1) << "self";
    QTest::newRow("chain middle") << at("l1") << "self.l1";
    QTest::newRow("chain end") << at(".W", 1) << "self.l1.W";
    QTest::newRow("just past a word") << at(".W", 2) << "self.l1.W";
    QTest::newRow("call") << at("f(") << "f";
    QTest::newRow("attribute of a call") << at(").y", 2) << "";
    QTest::newRow("attribute of a subscript") << at("].b", 2) << "";
    QTest::newRow("operator") << at("+ f", 0) << "";
    QTest::newRow("keyword") << at("for", 1) << "";
    QTest::newRow("keyword in") << at(" in ", 1) << "";
    QTest::newRow("number") << at("12") << "";
    QTest::newRow("out of range") << int(kCode.size()) + 5 << "";
  }
  void identifierAt() {
    QFETCH(int, offset);
    QFETCH(QString, expected);
    QCOMPARE(IdentifierHover::identifierAt(kCode, offset), expected);
  }

  void dwellEmitsTheIdentifier() {
    CodeEditor editor;
    new IdentifierHover(&editor);
    editor.setText(kCode);
    editor.resize(600, 300);
    editor.show();
    QCOMPARE(int(editor.SendScintilla(CodeEditor::SCI_GETMOUSEDWELLTIME)), IdentifierHover::kDwellMs);
    QSignalSpy hovered(&editor, &CodeEditor::identifierHovered);
    QSignalSpy ended(&editor, &CodeEditor::hoverEnded);

    emit editor.SCN_DWELLSTART(at(".W", 1), 20, 10);  // ASCII: byte position = character offset
    QCOMPARE(hovered.size(), 1);
    QCOMPARE(hovered[0][0].toString(), QStringLiteral("self.l1.W"));
    QCOMPARE(hovered[0][1].toPoint(), editor.viewport()->mapToGlobal(QPoint(20, 10)));

    emit editor.SCN_DWELLSTART(at("# note h", 7), 0, 0);  // in a comment
    emit editor.SCN_DWELLSTART(at("'h'", 1), 0, 0);       // in a string
    emit editor.SCN_DWELLSTART(at(").y", 2), 0, 0);       // attribute of a call
    emit editor.SCN_DWELLSTART(-1, 0, 0);                 // off the text
    QCOMPARE(hovered.size(), 1);

    emit editor.SCN_DWELLEND(0, 0, 0);
    QCOMPARE(ended.size(), 1);
  }

  void markdownEditorsOfferNothing() {
    CodeEditor editor(CodeEditor::Language::Markdown);
    new IdentifierHover(&editor);
    editor.setText(QStringLiteral("some words"));
    QSignalSpy hovered(&editor, &CodeEditor::identifierHovered);
    emit editor.SCN_DWELLSTART(1, 0, 0);
    QCOMPARE(hovered.size(), 0);
  }
};

QTEST_MAIN(TestWidgetIdentifierHover)
#include "test_widget_identifier_hover.moc"
